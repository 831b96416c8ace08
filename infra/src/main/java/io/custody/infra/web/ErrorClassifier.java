package io.custody.infra.web;

import io.custody.api.error.ErrorCode;
import io.custody.api.error.Reason;
import io.custody.api.error.Rejection;
import io.custody.api.error.RejectedException;
import io.custody.infra.json.UnpairedSurrogateException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Maps any failure of a request to the {@link Rejection} the client sees. Only rejections the code made on purpose
 * carry their own message; everything unexpected becomes a generic {@code INTERNAL_ERROR}, so no internal detail (let
 * alone a secret) reaches a response.
 */
final class ErrorClassifier {

    private ErrorClassifier() {
    }

    static Rejection classify(Throwable failure) {
        Throwable error = unwrap(failure);
        if (error instanceof RejectedException rejected) {
            return rejected.rejection();
        }
        if (error instanceof CommandExecutionException execution) {
            var details = execution.getDetails();
            if (details.isPresent() && details.get() instanceof Rejection rejection) {
                return rejection;
            }
        }
        if (error instanceof AggregateNotFoundException) {
            return new Rejection(ErrorCode.NOT_FOUND, "No such resource", Map.of());
        }
        if (error instanceof ConcurrencyException || error instanceof AggregateStreamCreationException) {
            return new Rejection(ErrorCode.CONFLICT, Reason.CONCURRENT_MODIFICATION,
                    "The resource was changed by another request at the same time; read it again and retry", Map.of());
        }
        if (error instanceof NoHandlerForCommandException) {
            return new Rejection(ErrorCode.SERVICE_UNAVAILABLE, "No instance can handle this request right now",
                    Map.of());
        }
        if (error instanceof UnsupportedMediaTypeStatusException unsupported) {
            return new Rejection(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content type " + (unsupported.getContentType() == null ? "(none)" : unsupported.getContentType())
                            + " is not supported; send application/json", Map.of());
        }
        if (error instanceof NotAcceptableStatusException) {
            return new Rejection(ErrorCode.NOT_ACCEPTABLE, "None of the accepted media types can be produced",
                    Map.of());
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            return new Rejection(ErrorCode.METHOD_NOT_ALLOWED,
                    "Method " + notAllowed.getHttpMethod() + " is not allowed here", Map.of());
        }
        if (error instanceof ContentTooLargeException) {
            return tooLarge();
        }
        if (error instanceof ServerWebInputException input) {
            return malformed(input);
        }
        if (error instanceof ResponseStatusException status) {
            int code = status.getStatusCode().value();
            if (code == 413) {
                return tooLarge();
            }
            if (code == 404) {
                return new Rejection(ErrorCode.NOT_FOUND, "No such resource", Map.of());
            }
            if (code == 429) {
                return new Rejection(ErrorCode.RATE_LIMITED, "Too many requests", Map.of());
            }
            if (code == 503) {
                return new Rejection(ErrorCode.SERVICE_UNAVAILABLE, "Service unavailable", Map.of());
            }
            if (code >= 400 && code < 500) {
                return new Rejection(ErrorCode.MALFORMED_REQUEST, "The request could not be processed", Map.of());
            }
        }
        return new Rejection(ErrorCode.INTERNAL_ERROR, "Internal error; quote the trace id to support", Map.of());
    }

    static Rejection tooLarge() {
        return new Rejection(Reason.REQUEST_TOO_LARGE, "The request body is too large",
                Map.of("body", List.of("is larger than the server reads")));
    }

    private static Rejection malformed(ServerWebInputException input) {
        JacksonException json = jacksonCause(input);
        if (json instanceof UnpairedSurrogateException) {
            return new Rejection(Reason.INVALID_UNICODE, "A string in the request body is not Unicode text",
                    Map.of(field(json), List.of("contains an unpaired UTF-16 surrogate")));
        }
        if (json instanceof MismatchedInputException || json instanceof InputCoercionException) {
            return new Rejection(Reason.WRONG_JSON_TYPE, "A value in the request body has the wrong JSON type",
                    Map.of(field(json), List.of(expectation(json))));
        }
        MethodParameter parameter = input.getMethodParameter();
        boolean body = parameter != null && parameter.hasParameterAnnotation(RequestBody.class);
        // Spring reports a missing (or JSON null) body as a decoding failure with no cause; real ones carry Jackson's
        if (json == null && body && (input.getCause() == null
                || input.getCause() instanceof DecodingException decoding && decoding.getCause() == null)) {
            return new Rejection(Reason.BODY_REQUIRED, "A JSON request body is required",
                    Map.of("body", List.of("is required")));
        }
        if (json != null || input.getCause() instanceof DecodingException) {
            String where = json == null || json.getLocation() == null ? "is not valid JSON"
                    : "is not valid JSON (line " + json.getLocation().getLineNr() + ", column "
                    + json.getLocation().getColumnNr() + ")";
            return new Rejection(Reason.MALFORMED_JSON, "The request body is not valid JSON",
                    Map.of("body", List.of(where)));
        }
        return new Rejection(ErrorCode.MALFORMED_REQUEST, "The request is malformed", Map.of());
    }

    private static JacksonException jacksonCause(Throwable error) {
        Throwable cause = error.getCause();
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        return (JacksonException) cause;
    }

    /** The JSON path of the value, as the client wrote it: {@code threshold}, {@code signers[1]}; the body itself is {@code body}. */
    private static String field(JacksonException json) {
        return json.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("body");
    }

    private static String expectation(JacksonException json) {
        if (json.getPath().isEmpty()) {
            return "must be a single JSON object";
        }
        if (json instanceof InputCoercionException) {
            return "is out of range";
        }
        Class<?> target = ((MismatchedInputException) json).getTargetType();
        if (target == null) return "has the wrong JSON type";
        if (CharSequence.class.isAssignableFrom(target) || target.isEnum()) return "must be a JSON string";
        if (target == Boolean.class || target == boolean.class) return "must be true or false";
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class
                || target == BigInteger.class) {
            return "must be a JSON integer (no fraction, not in quotes)";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) return "must be a JSON number";
        if (Collection.class.isAssignableFrom(target) || target.isArray()) return "must be a JSON array";
        return "must be a JSON object";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable error = failure;
        while (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}
