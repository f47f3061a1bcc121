package io.kmigrate.bench.history;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/** The baseline: a drain that polls lag from workflow code, one activity and one timer per poll. */
@WorkflowInterface
public interface NaiveDrain {
  /** @return the number of polls until the lag reached 0 */
  @WorkflowMethod
  long drain(String cluster, List<String> topics, List<String> groups, long pollMillis);
}
