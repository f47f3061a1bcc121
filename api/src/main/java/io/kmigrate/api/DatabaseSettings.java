package io.kmigrate.api;

/**
 * The store's JDBC URL; empty means H2 in a file under the data directory. The password may be a
 * secret reference, {@code ${env:NAME}} or {@code ${file:/path}}.
 */
public class DatabaseSettings {
  public String url;
  public String user = "sa";
  public String password = "";
}
