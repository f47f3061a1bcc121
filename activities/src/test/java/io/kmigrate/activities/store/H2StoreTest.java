package io.kmigrate.activities.store;

import java.nio.file.Files;

/** The store on a file-backed H2 database, as the embedded default runs it. */
class H2StoreTest extends StoreContract {
  @Override
  String freshUrl() throws Exception {
    return Database.h2FileUrl(Files.createTempDirectory("kmigrate-store"));
  }

  @Override
  String user() {
    return "sa";
  }
}
