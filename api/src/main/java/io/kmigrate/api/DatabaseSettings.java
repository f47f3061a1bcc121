package io.kmigrate.api;

/** The store's JDBC URL; empty means H2 in a file under the data directory. */
public class DatabaseSettings {
  public String url;
  public String user = "sa";
  public String password = "";
}
