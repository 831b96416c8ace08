package io.custody.mpc.client;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sagas' module may depend on this package but never on the node server code: every type a saga sees through the
 * client API is from the JDK or this package (the implementation class is built by the wiring, not by sagas).
 */
class ClientApiSurfaceTest {

    static final List<Class<?>> API = List.of(MpcClient.class, IdempotencyKey.class, KeyRef.class,
            SignatureScheme.class, MessageHash.class, DerivationPath.class, GenerateKeyRequest.class,
            SignMessageRequest.class, KeyDescriptor.class, DerivedPublicKey.class, PresignatureHandle.class,
            SignatureResult.class, MpcErrorCode.class, MpcClientException.class,
            MpcClientException.InsufficientNodes.class, MpcClientException.CulpritNamed.class,
            MpcClientException.PrimePoolEmpty.class, MpcClientException.Timeout.class,
            MpcClientException.IdempotencyConflict.class, MpcClientException.UnknownKey.class,
            MpcClientException.InvalidRequest.class, MpcClientException.InDoubt.class,
            MpcClientException.ClusterFailure.class);

    @Test
    void the_client_api_exposes_only_jdk_types_and_its_own() {
        List<String> foreign = new ArrayList<>();
        for (Class<?> c : API) {
            for (Method m : c.getDeclaredMethods()) {
                if (!java.lang.reflect.Modifier.isPublic(m.getModifiers())) continue;
                check(c + "." + m.getName(), m.getGenericReturnType(), foreign);
                for (Type p : m.getGenericParameterTypes()) check(c + "." + m.getName(), p, foreign);
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) check(c + "." + rc.getName(), rc.getGenericType(), foreign);
            }
        }
        assertThat(foreign).isEmpty();
    }

    @Test
    void every_client_failure_is_one_of_the_sealed_types_with_a_distinct_code() {
        assertThat(MpcClientException.class.isSealed()).isTrue();
        assertThat(MpcClientException.class.getPermittedSubclasses()).hasSize(MpcErrorCode.values().length);
    }

    private static void check(String where, Type t, List<String> foreign) {
        if (t instanceof ParameterizedType p) {
            check(where, p.getRawType(), foreign);
            for (Type a : p.getActualTypeArguments()) check(where, a, foreign);
        } else if (t instanceof Class<?> c) {
            Class<?> base = c.isArray() ? c.getComponentType() : c;
            if (base.isPrimitive()) return;
            String name = base.getName();
            if (!name.startsWith("java.") && !name.startsWith("io.custody.mpc.client.")) foreign.add(where + ": " + name);
        }
    }
}
