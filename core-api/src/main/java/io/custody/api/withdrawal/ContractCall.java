package io.custody.api.withdrawal;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The call a transaction proposal makes, as its approvers see and sign it: the function's canonical signature (the
 * ABI form, e.g. {@code confirmDelivery(address,bytes32)}), each argument in its canonical text form, and the calldata
 * the command side encoded from them ({@code 0x} + selector + ABI-encoded arguments), which is exactly what the
 * transaction carries. The character sets are closed (no quote, backslash or control character anywhere), so every
 * part can be placed into signed payloads, EIP-712 JSON or Ed25519 text, without escaping rules.
 *
 * @param data the calldata; {@code null} only in a request, before the command side encoded it
 */
public record ContractCall(String function, List<String> arguments, String data) {

    public static final int MAX_ARGUMENTS = 16;
    public static final int MAX_ARGUMENT_LENGTH = 200;
    private static final Pattern FUNCTION = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}\\([a-z0-9,\\[\\]]{0,400}\\)");
    private static final Pattern ARGUMENT = Pattern.compile("[A-Za-z0-9 .,:;_#/()+=@!?'-]{0," + MAX_ARGUMENT_LENGTH + "}");
    private static final Pattern DATA = Pattern.compile("0x([0-9a-f]{2}){4,}");

    public ContractCall {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(arguments, "arguments");
        if (!FUNCTION.matcher(function).matches()) {
            throw new IllegalArgumentException("function must be a canonical ABI signature such as transfer(address,uint256)");
        }
        if (arguments.size() > MAX_ARGUMENTS) {
            throw new IllegalArgumentException("arguments: at most " + MAX_ARGUMENTS + " are allowed");
        }
        for (String argument : arguments) {
            if (argument == null || !ARGUMENT.matcher(argument).matches()) {
                throw new IllegalArgumentException("arguments: each is at most " + MAX_ARGUMENT_LENGTH
                        + " characters of letters, digits, spaces and . , : ; _ # / ( ) + = @ ! ? ' -");
            }
        }
        arguments = List.copyOf(arguments);
        if (data != null && !DATA.matcher(data).matches()) {
            throw new IllegalArgumentException("data must be 0x followed by lower-case hex bytes, selector first");
        }
    }

    /** The request form, before encoding. */
    public static ContractCall request(String function, List<String> arguments) {
        return new ContractCall(function, arguments, null);
    }

    /** The function's name, without its parameter types. */
    public String name() {
        return function.substring(0, function.indexOf('('));
    }

    /** The ABI types of the function's parameters, in order (e.g. {@code [address, bytes32]}). */
    public List<String> parameterTypes() {
        String inside = function.substring(function.indexOf('(') + 1, function.length() - 1);
        return inside.isEmpty() ? List.of() : List.of(inside.split(",", -1));
    }

    /** The same call without its encoding: what a proposer's request binds. */
    public ContractCall withoutData() {
        return new ContractCall(function, arguments, null);
    }
}
