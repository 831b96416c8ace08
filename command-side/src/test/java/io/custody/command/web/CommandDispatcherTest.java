package io.custody.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.error.ErrorCode;
import io.custody.api.error.RejectedException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;

class CommandDispatcherTest {

    @Test
    void answers_rate_limited_when_more_commands_wait_than_allowed_and_runs_the_others() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(String.class.getName(), message -> {
            started.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "done " + message.getPayload();
        });
        CommandDispatcher dispatcher = new CommandDispatcher(
                DefaultCommandGateway.builder().commandBus(bus).build(), 1, 2);
        try {
            var first = dispatcher.<String>send("a", (String) null).toFuture();
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            var second = dispatcher.<String>send("b", (String) null).toFuture();

            Throwable refused = dispatcher.<String>send("c", (String) null).materialize()
                    .block(Duration.ofSeconds(5)).getThrowable();
            assertThat(refused).isInstanceOf(RejectedException.class);
            assertThat(((RejectedException) refused).rejection().code()).isEqualTo(ErrorCode.RATE_LIMITED);

            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("done a");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("done b");
            // capacity is given back once commands finish
            assertThat(dispatcher.<String>send("d", (String) null).block(Duration.ofSeconds(10))).isEqualTo("done d");
        } finally {
            release.countDown();
            dispatcher.stop();
        }
    }
}
