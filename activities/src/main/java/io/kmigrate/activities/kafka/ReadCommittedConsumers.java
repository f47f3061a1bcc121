package io.kmigrate.activities.kafka;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Settings of the consumers kmigrate reads records with: assign and seek only (no group, nothing
 * committed, nothing reset behind its back, no topic created by a read), reading what a
 * read_committed consumer reads: no aborted records, no transaction markers.
 */
public final class ReadCommittedConsumers {
  private ReadCommittedConsumers() {}

  /** {@code client} (as from {@link Clusters#clientProperties}) with those settings and {@code clientId}. */
  public static Properties properties(Properties client, String clientId) {
    Properties p = new Properties();
    p.putAll(client);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return p;
  }
}
