package io.custody.command.withdrawal.call;

import io.custody.api.error.Reason;
import io.custody.api.withdrawal.ContractCall;
import io.custody.command.common.Rejections;
import java.lang.reflect.Constructor;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.AbiTypes;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;

/**
 * Turns a requested contract call (a function signature and its arguments as text) into the canonical call the
 * approvers see and sign: the signature in its canonical ABI form, each argument in one canonical text form, and the
 * calldata encoded from exactly those values with web3j's ABI encoder. Two requests that mean the same call give the
 * same canonical call, so idempotency and policy compare canonical forms. Supported parameter types are the static
 * elementary ones and {@code bytes} and {@code string}; arrays and tuples are refused (the escrow and financing
 * contracts need none), so that every argument has a single-line text form an approver can read.
 */
public final class ContractCalls {

    private static final Pattern SIGNATURE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\(([a-z0-9,]*)\\)");
    private static final Pattern INTEGER = Pattern.compile("(u?)int([0-9]{0,3})");
    private static final Pattern FIXED_BYTES = Pattern.compile("bytes([0-9]{1,2})");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern HEX = Pattern.compile("0x([0-9a-fA-F]{2})*");
    private static final Pattern UNSIGNED = Pattern.compile("0|[1-9][0-9]{0,77}");
    private static final Pattern SIGNED = Pattern.compile("0|-?[1-9][0-9]{0,77}");

    private ContractCalls() {
    }

    /** The canonical ABI form of a function signature ({@code uint} becomes {@code uint256}), or a 400 rejection. */
    public static String canonicalSignature(String function) {
        if (function == null) {
            throw invalid("function", "is required");
        }
        Matcher m = SIGNATURE.matcher(function.strip());
        if (!m.matches()) {
            throw invalid("function", "must be a function signature such as confirmDelivery(address,bytes32), "
                    + "without spaces or parameter names; arrays and tuples are not supported");
        }
        List<String> types = new ArrayList<>();
        for (String type : m.group(2).isEmpty() ? new String[0] : m.group(2).split(",", -1)) {
            types.add(canonicalType(type));
        }
        return m.group(1) + "(" + String.join(",", types) + ")";
    }

    /** Canonicalises and encodes {@code request}; any argument that does not fit its type is a 400 rejection. */
    public static ContractCall encode(ContractCall request) {
        String function = canonicalSignature(request.function());
        ContractCall canonicalShape = ContractCall.request(function, List.of());
        List<String> types = canonicalShape.parameterTypes();
        if (request.arguments().size() != types.size()) {
            throw invalid("arguments", function + " takes " + types.size() + " arguments, not "
                    + request.arguments().size());
        }
        List<String> canonical = new ArrayList<>(types.size());
        List<Type> values = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            Argument argument = argument(types.get(i), request.arguments().get(i), i);
            canonical.add(argument.text());
            values.add(argument.value());
        }
        String data = FunctionEncoder.encode(new Function(canonicalShape.name(), values, List.of()))
                .toLowerCase(Locale.ROOT);
        if (!data.startsWith(Hash.sha3String(function).substring(0, 10))) {
            // the encoder derives the selector from the typed values; a mismatch would mean a type mapping bug
            throw new IllegalStateException("selector of " + function + " does not match its encoding");
        }
        return new ContractCall(function, canonical, data);
    }

    private record Argument(String text, Type value) {
    }

    private static String canonicalType(String type) {
        Matcher integer = INTEGER.matcher(type);
        if (integer.matches()) {
            int bits = integer.group(2).isEmpty() ? 256 : Integer.parseInt(integer.group(2));
            if (bits < 8 || bits > 256 || bits % 8 != 0) {
                throw invalid("function", type + " is not an ABI integer type");
            }
            return integer.group(1) + "int" + bits;
        }
        Matcher fixed = FIXED_BYTES.matcher(type);
        if (fixed.matches()) {
            int size = Integer.parseInt(fixed.group(1));
            if (size < 1 || size > 32) {
                throw invalid("function", type + " is not an ABI bytes type");
            }
            return "bytes" + size;
        }
        if (type.equals("address") || type.equals("bool") || type.equals("bytes") || type.equals("string")) {
            return type;
        }
        throw invalid("function", "parameter type '" + type + "' is not supported (elementary types, bytes and "
                + "string only)");
    }

    private static Argument argument(String type, String text, int index) {
        String field = "arguments[" + index + "]";
        if (type.equals("address")) {
            if (!ADDRESS.matcher(text).matches()) {
                throw invalid(field, "must be an address, 0x followed by 40 hex digits");
            }
            String digits = text.substring(2);
            boolean mixedCase = !digits.equals(digits.toLowerCase(Locale.ROOT))
                    && !digits.equals(digits.toUpperCase(Locale.ROOT));
            if (mixedCase && !Keys.toChecksumAddress(text).equals(text)) {
                throw Rejections.because(Reason.ADDRESS_CHECKSUM_MISMATCH, "Invalid contract call", field,
                        "has mixed case that is not its EIP-55 checksum (a typing mistake?)");
            }
            String canonical = text.toLowerCase(Locale.ROOT);
            return new Argument(canonical, new Address(canonical));
        }
        if (type.equals("bool")) {
            if (!text.equals("true") && !text.equals("false")) {
                throw invalid(field, "must be true or false");
            }
            return new Argument(text, new Bool(Boolean.parseBoolean(text)));
        }
        if (type.equals("string")) {
            return new Argument(text, new Utf8String(text));
        }
        if (type.equals("bytes")) {
            if (!HEX.matcher(text).matches()) {
                throw invalid(field, "must be 0x followed by whole bytes in hex");
            }
            String canonical = text.toLowerCase(Locale.ROOT);
            return new Argument(canonical, new DynamicBytes(HexFormat.of().parseHex(canonical.substring(2))));
        }
        Matcher fixed = FIXED_BYTES.matcher(type);
        if (fixed.matches()) {
            int size = Integer.parseInt(fixed.group(1));
            if (!HEX.matcher(text).matches() || text.length() != 2 + 2 * size) {
                throw invalid(field, "must be 0x followed by exactly " + size + " bytes in hex");
            }
            String canonical = text.toLowerCase(Locale.ROOT);
            return new Argument(canonical, typed(type, byte[].class, HexFormat.of().parseHex(canonical.substring(2))));
        }
        Matcher integer = INTEGER.matcher(type);
        if (integer.matches()) {
            boolean unsigned = integer.group(1).equals("u");
            int bits = Integer.parseInt(integer.group(2));
            if (!(unsigned ? UNSIGNED : SIGNED).matcher(text).matches()) {
                throw invalid(field, unsigned ? "must be a non-negative decimal integer without leading zeros"
                        : "must be a decimal integer without leading zeros");
            }
            BigInteger value = new BigInteger(text);
            BigInteger limit = BigInteger.ONE.shiftLeft(unsigned ? bits : bits - 1);
            boolean fits = unsigned ? value.compareTo(limit) < 0
                    : value.compareTo(limit) < 0 && value.compareTo(limit.negate()) >= 0;
            if (!fits) {
                throw invalid(field, "does not fit in " + type);
            }
            return new Argument(value.toString(), typed(type, BigInteger.class, value));
        }
        throw new IllegalStateException("unhandled canonical type " + type);
    }

    @SuppressWarnings("unchecked")
    private static <V> Type typed(String type, Class<V> valueClass, V value) {
        try {
            Constructor<? extends Type> constructor = ((Class<? extends Type>) AbiTypes.getType(type))
                    .getConstructor(valueClass);
            return constructor.newInstance(value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("web3j has no " + type + " type", e);
        }
    }

    private static RuntimeException invalid(String field, String problem) {
        return Rejections.because(Reason.INVALID_CALL, "Invalid contract call", field, problem);
    }
}
