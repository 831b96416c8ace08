package io.custody.query.stream.example;

import io.custody.query.stream.ReactiveKafkaReader;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An example consumer of the analytics stream, for data teams: per wallet, per UTC day and per token, the volume that
 * came in (deposits credited) and went out (withdrawals settled), computed from the topic alone.
 *
 * <p>It shows the three things every consumer of the stream has to do: read the CloudEvents envelope (structured
 * mode: the record value is the whole event), drop duplicates by the CloudEvents {@code id} (the publisher delivers at
 * least once, and a replay publishes everything again with the same ids), and pick events by {@code type}. The day is
 * the UTC day of the event's {@code time}, which is when the event was recorded.
 *
 * <p>Run against the embedded broker of a running application (its address is in the log line
 * "embedded Kafka broker on ..."):
 * <pre>java -cp custody.jar -Dloader.main=io.custody.query.stream.example.DailyWalletVolumes \
 *     org.springframework.boot.loader.launch.PropertiesLauncher 127.0.0.1:PORT custody.events</pre>
 * It prints one CSV line per wallet, day and token.
 */
public final class DailyWalletVolumes {

    /** One row of the result. Amounts are integers in the token's base units. */
    public record Volume(BigInteger in, BigInteger out, int deposits, int withdrawals) {
        static final Volume NONE = new Volume(BigInteger.ZERO, BigInteger.ZERO, 0, 0);

        Volume plusIn(BigInteger amount) {
            return new Volume(in.add(amount), out, deposits + 1, withdrawals);
        }

        Volume plusOut(BigInteger amount) {
            return new Volume(in, out.add(amount), deposits, withdrawals + 1);
        }
    }

    /** The row's key; ordered by wallet, day, token. */
    public record Key(String walletId, LocalDate day, String token) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int c = walletId.compareTo(other.walletId);
            if (c == 0) c = day.compareTo(other.day);
            return c != 0 ? c : token.compareTo(other.token);
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final Set<String> seen = new HashSet<>();
    private final Map<Key, Volume> volumes = new TreeMap<>();
    private long duplicates;

    /** Takes one record value (a CloudEvents JSON document); a duplicate of an event already taken changes nothing. */
    public void accept(byte[] cloudEvent) {
        JsonNode event = json.readTree(cloudEvent);
        if (!seen.add(event.get("id").asString())) {
            duplicates++;
            return;
        }
        String type = event.get("type").asString();
        if (!type.equals("io.custody.DepositCredited") && !type.equals("io.custody.WithdrawalSettled")) {
            return;
        }
        JsonNode data = event.get("data");
        Key key = new Key(data.get("walletId").asString(),
                LocalDate.ofInstant(Instant.parse(event.get("time").asString()), ZoneOffset.UTC),
                data.get("token").asString());
        BigInteger amount = new BigInteger(data.get("amount").asString());
        Volume current = volumes.getOrDefault(key, Volume.NONE);
        volumes.put(key, type.endsWith("DepositCredited") ? current.plusIn(amount) : current.plusOut(amount));
    }

    public Map<Key, Volume> volumes() {
        return volumes;
    }

    public long duplicatesDropped() {
        return duplicates;
    }

    /** Reads {@code topic} on {@code bootstrapServers} from its beginning to its current end. */
    public static DailyWalletVolumes fromTopic(String bootstrapServers, String topic) {
        DailyWalletVolumes result = new DailyWalletVolumes();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        ReactiveKafkaReader.readToEnd(() -> new KafkaConsumer<>(config, new StringDeserializer(),
                        new ByteArrayDeserializer()), topic)
                .doOnNext(record -> result.accept(record.value()))
                .blockLast();
        return result;
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: DailyWalletVolumes <bootstrap-servers> <topic>");
            System.exit(2);
        }
        DailyWalletVolumes result = fromTopic(args[0], args[1]);
        System.out.println("wallet,day,token,in,out,deposits,withdrawals");
        result.volumes().forEach((key, v) -> System.out.println(String.join(",", key.walletId(), key.day().toString(),
                key.token(), v.in().toString(), v.out().toString(), String.valueOf(v.deposits()),
                String.valueOf(v.withdrawals()))));
        System.err.println(result.duplicatesDropped() + " duplicate(s) dropped");
    }
}
