package io.custody.chain;

/** A failure the caller can act on, with a stable code for the seed's error format. */
public class ChainException extends RuntimeException {

    public enum Code {
        INVALID_PUBLIC_KEY,
        INVALID_SIGNATURE,
        SIGNER_MISMATCH,
        INVALID_TRANSACTION,
        FEE_CAP_EXCEEDED,
        REJECTED_BY_NODE,
        RPC_UNAVAILABLE,
        UNSUPPORTED
    }

    private final Code code;

    public ChainException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public ChainException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
