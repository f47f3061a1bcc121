package io.kmigrate.worker.settings;

/**
 * Where MirrorMaker 2 runs. {@code url}: the REST API of an existing Kafka Connect cluster that
 * has MirrorMaker's connectors on its plugin path; left empty, the worker runs an embedded
 * Connect worker (state in topics on the target cluster).
 */
public class ConnectSettings {
  public String url;
}
