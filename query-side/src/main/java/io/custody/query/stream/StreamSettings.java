package io.custody.query.stream;

import java.time.Duration;

/**
 * The analytics stream's settings ({@code custody.stream.*}).
 *
 * @param source                 the CloudEvents {@code source} of every published event
 * @param partitions             partitions of a topic this application creates
 * @param replicationFactor      replicas of a topic this application creates (1 on the embedded broker)
 * @param createTopics           whether to create missing topics at start-up (off where operators own the topics)
 * @param acknowledgementTimeout how long a batch waits for the broker before it fails and is handled again
 */
public record StreamSettings(String source, int partitions, short replicationFactor, boolean createTopics,
                             Duration acknowledgementTimeout) {
}
