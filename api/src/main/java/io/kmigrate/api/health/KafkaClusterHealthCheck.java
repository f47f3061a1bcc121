package io.kmigrate.api.health;

import com.codahale.metrics.health.HealthCheck;
import io.kmigrate.activities.kafka.Clusters;
import java.util.concurrent.TimeUnit;

/** Healthy when the cluster's brokers answer describeCluster. */
public class KafkaClusterHealthCheck extends HealthCheck {
  private final Clusters clusters;
  private final String name;

  public KafkaClusterHealthCheck(Clusters clusters, String name) {
    this.clusters = clusters;
    this.name = name;
  }

  @Override
  protected Result check() throws Exception {
    int nodes = clusters.admin(name).describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
    return Result.healthy(nodes + " broker(s) at " + clusters.config(name).bootstrapServers());
  }
}
