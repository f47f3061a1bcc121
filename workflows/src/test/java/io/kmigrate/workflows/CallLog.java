package io.kmigrate.workflows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The order in which the fake activities were called, across all of them. */
final class CallLog {
  private final List<String> calls = new CopyOnWriteArrayList<>();

  void add(String call) {
    calls.add(call);
  }

  List<String> calls() {
    return List.copyOf(calls);
  }

  int indexOf(String call) {
    return calls.indexOf(call);
  }
}
