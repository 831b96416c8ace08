package io.custody.infra.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.apache.commons.logging.LogFactory;

/**
 * A live application's hold on a data directory, in a child JVM: the embedded server started exactly as the
 * application starts it, kept until standard input ends. Prints {@code ready <port>} once the server accepts
 * connections.
 */
public final class EmbeddedPostgresHolder {

    private EmbeddedPostgresHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgresEnvironment.start(Path.of(args[0]), 0,
                LogFactory.getLog(EmbeddedPostgresHolder.class))) {
            System.out.println("ready " + postgres.getPort());
            System.out.flush();
            while (System.in.read() != -1) {
                // hold until the test lets go
            }
        }
    }
}
