package io.custody.infra.web;

import io.custody.api.error.ErrorCode;
import io.custody.api.error.Reason;
import io.custody.api.error.Rejection;
import io.custody.api.error.RejectedException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.codec.DecodingException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

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
        if (error instanceof ServerWebInputException input) {
            return malformed(input);
        }
        if (error instanceof ResponseStatusException status) {
            int code = status.getStatusCode().value();
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

    private static Rejection malformed(ServerWebInputException input) {
        Throwable cause = input.getCause();
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                    .orElse("body");
            return new Rejection(ErrorCode.MALFORMED_REQUEST, "The request body does not match the expected shape",
                    Map.of(field, List.of("has the wrong type")));
        }
        if (cause != null || input.getCause() instanceof DecodingException) {
            return new Rejection(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON", Map.of());
        }
        String reason = input.getReason() == null ? "" : input.getReason();
        if (reason.contains("body")) {
            return new Rejection(ErrorCode.MALFORMED_REQUEST, "A JSON request body is required",
                    Map.of("body", List.of("is required")));
        }
        return new Rejection(ErrorCode.MALFORMED_REQUEST, "The request is malformed", Map.of());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable error = failure;
        while (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}
