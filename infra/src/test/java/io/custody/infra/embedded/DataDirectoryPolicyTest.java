package io.custody.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.infra.embedded.DataDirectoryPolicy.Free;
import io.custody.infra.embedded.DataDirectoryPolicy.InUse;
import io.custody.infra.embedded.DataDirectoryPolicy.OrphanedServer;
import io.custody.infra.embedded.DataDirectoryPolicy.Postmaster;
import io.custody.infra.embedded.DataDirectoryPolicy.StalePidFile;
import io.custody.infra.embedded.DataDirectoryPolicy.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What a start does with what the previous run left in the data directory, decided without touching a process. */
class DataDirectoryPolicyTest {

    private static final Path DIR = Path.of("/var/custody/postgres");
    private static final PostmasterPidFile.Read SERVER_4711 = PostmasterPidFile.parse(List.of(
            "4711", DIR.toString(), "1764581000", "54321", "/tmp", "127.0.0.1", "  1234567    12345", "ready"));

    private static Verdict noApplication(PostmasterPidFile.Read pidFile, Postmaster postmaster) {
        return DataDirectoryPolicy.judge(DIR, false, OptionalLong.empty(), pidFile, postmaster, OptionalLong.empty());
    }

    @Test
    void a_directory_without_a_lock_file_and_without_a_live_application_is_free() {
        assertThat(noApplication(new PostmasterPidFile.Absent(), Postmaster.GONE)).isInstanceOf(Free.class);
    }

    @Test
    void a_server_running_here_that_no_live_application_holds_is_an_orphan_to_stop() {
        assertThat(noApplication(SERVER_4711, Postmaster.EMBEDDED_HERE)).isEqualTo(new OrphanedServer(4711, 54321));
    }

    @Test
    void a_live_application_holding_the_directory_is_never_disturbed_and_the_refusal_names_it() {
        Verdict verdict = DataDirectoryPolicy.judge(DIR, true, OptionalLong.of(999), SERVER_4711,
                Postmaster.EMBEDDED_HERE, OptionalLong.empty());

        assertThat(verdict).isInstanceOf(InUse.class);
        assertThat(((InUse) verdict).why()).contains("process 999").contains(DIR.toString());
        assertThat(((InUse) verdict).whatToDo()).contains("stop that application").contains("CUSTODY_DATA_DIR");
    }

    @Test
    void a_server_started_from_an_installed_postgresql_is_not_ours_and_is_refused_with_how_to_stop_or_use_it() {
        Verdict verdict = noApplication(SERVER_4711, Postmaster.OTHER_SERVER_HERE);

        assertThat(verdict).isInstanceOf(InUse.class);
        assertThat(((InUse) verdict).why()).contains("did not start").contains("process 4711");
        assertThat(((InUse) verdict).whatToDo()).contains("pg_ctl stop -D " + DIR).contains("CUSTODY_DB_URL");
    }

    @Test
    void a_lock_file_naming_a_process_that_is_gone_is_stale() {
        assertThat(noApplication(SERVER_4711, Postmaster.GONE)).isInstanceOf(StalePidFile.class);
    }

    @Test
    void a_lock_file_naming_a_live_process_that_is_no_server_of_this_directory_is_stale() {
        assertThat(noApplication(SERVER_4711, Postmaster.FOREIGN)).isInstanceOf(StalePidFile.class);
    }

    @Test
    void a_live_process_that_cannot_be_inspected_is_refused_with_both_ways_out() {
        Verdict verdict = noApplication(SERVER_4711, Postmaster.UNKNOWN);

        assertThat(verdict).isInstanceOf(InUse.class);
        assertThat(((InUse) verdict).whatToDo()).contains("pg_ctl stop -D " + DIR).contains("delete");
    }

    @Test
    void a_single_user_backend_is_someones_maintenance_session_and_is_refused() {
        PostmasterPidFile.Read singleUser = PostmasterPidFile.parse(List.of("-4711", DIR.toString()));

        assertThat(noApplication(singleUser, Postmaster.EMBEDDED_HERE)).isInstanceOf(InUse.class);
    }

    @Test
    void an_unreadable_lock_file_is_stale_only_when_no_postgresql_process_works_in_the_directory() {
        PostmasterPidFile.Read empty = PostmasterPidFile.parse(List.of());

        assertThat(empty).isInstanceOf(PostmasterPidFile.Malformed.class);
        assertThat(noApplication(empty, Postmaster.GONE)).isInstanceOf(StalePidFile.class);
        assertThat(DataDirectoryPolicy.judge(DIR, false, OptionalLong.empty(), empty, Postmaster.GONE,
                OptionalLong.of(4712))).isInstanceOf(InUse.class);
    }

    @Test
    void a_lock_file_of_a_killed_server_stays_while_a_backend_it_left_still_works_in_the_directory() {
        // PostgreSQL keeps the lock file for exactly this: a new server beside old backends would corrupt the data
        Verdict verdict = DataDirectoryPolicy.judge(DIR, false, OptionalLong.empty(), SERVER_4711, Postmaster.GONE,
                OptionalLong.of(4712));

        assertThat(verdict).isInstanceOf(InUse.class);
        assertThat(((InUse) verdict).why()).contains("process 4711 no longer runs").contains("4712");
        assertThat(((InUse) verdict).whatToDo()).contains("kill 4712");
    }

    @Test
    void a_lock_file_written_before_the_port_is_known_still_names_its_process() {
        assertThat(PostmasterPidFile.parse(List.of("4711", DIR.toString(), "1764581000")))
                .isEqualTo(new PostmasterPidFile.Present(new PostmasterPidFile(4711, DIR.toString(), 0)));
    }
}
