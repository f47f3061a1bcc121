package io.kmigrate.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kmigrate.workflows.visibility.MigrationSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the Temporal server has kmigrate's search attributes before any migration sets one
 * (a workflow setting an unknown attribute has its task failed by the server, again and again).
 * Registers them through the operator service, idempotently; a server that does not let this
 * worker (Temporal Cloud, an authorizer) is asked whether someone registered them already, and
 * otherwise the log says in one line which {@code temporal operator search-attribute create}
 * commands to run. Migrations then run without them.
 */
public final class SearchAttributeRegistration {
  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistration.class);

  private SearchAttributeRegistration() {}

  /** @return whether every attribute is there for this namespace */
  public static boolean ensure(WorkflowServiceStubs service, String namespace) {
    Map<String, IndexedValueType> wanted = MigrationSearchAttributes.types();
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder(service.getOptions()).validateAndBuildWithDefaults());
    try {
      try {
        operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
            .setNamespace(namespace).putAllSearchAttributes(wanted).build());
        return true;
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
          return true; // older servers and the in-memory one say so for a second registration
        }
        if (registeredAlready(operator, namespace, wanted)) {
          return true;
        }
        log.warn("kmigrate's search attributes are not registered on Temporal namespace '{}' and this worker may not register them ({}): "
                + "migrations run without them until someone runs: {}",
            namespace, e.getStatus().getCode(), String.join(" && ", MigrationSearchAttributes.createCommands(namespace)));
        return false;
      }
    } finally {
      operator.shutdown();
      operator.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** Whether someone with the permission registered them all (the list may be refused too: then no). */
  private static boolean registeredAlready(OperatorServiceStubs operator, String namespace, Map<String, IndexedValueType> wanted) {
    try {
      Map<String, IndexedValueType> custom = operator.blockingStub()
          .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build()).getCustomAttributesMap();
      return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(custom.get(e.getKey())));
    } catch (StatusRuntimeException e) {
      return false;
    }
  }
}
