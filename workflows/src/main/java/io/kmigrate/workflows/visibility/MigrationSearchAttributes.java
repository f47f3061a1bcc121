package io.kmigrate.workflows.visibility;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.List;
import java.util.Map;

/**
 * The search attributes a migration keeps current in Temporal's visibility, so a person can find
 * "every migration waiting at a gate" in the Temporal UI or with {@code temporal workflow list
 * --query}. Named {@code Kmigrate…} so they cannot clash with another application's in the same
 * namespace. A server must have them registered before a workflow sets them: the worker registers
 * them at start (or says how to), and a migration sets them only when its worker found them there.
 */
public final class MigrationSearchAttributes {
  public static final SearchAttributeKey<String> SCHEME = SearchAttributeKey.forKeyword("KmigrateScheme");
  /** The step or gate the migration is at ("drain-source", "gate:producer-cutover", "completed"). */
  public static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword("KmigratePhase");
  /** The open gate's name; unset when none is open. */
  public static final SearchAttributeKey<String> GATE = SearchAttributeKey.forKeyword("KmigrateGate");
  public static final SearchAttributeKey<String> SOURCE = SearchAttributeKey.forKeyword("KmigrateSource");
  public static final SearchAttributeKey<String> TARGET = SearchAttributeKey.forKeyword("KmigrateTarget");
  public static final SearchAttributeKey<List<String>> TOPICS = SearchAttributeKey.forKeywordList("KmigrateTopics");
  /** On a campaign and on each of its units: the campaign's id ("KmigrateCampaign = 'fleet-2026-12'" lists them all). */
  public static final SearchAttributeKey<String> CAMPAIGN = SearchAttributeKey.forKeyword("KmigrateCampaign");

  /** Every attribute with its type, for registration. */
  public static final List<SearchAttributeKey<?>> ALL = List.of(SCHEME, PHASE, GATE, SOURCE, TARGET, TOPICS, CAMPAIGN);

  /** The most topics the attribute holds: a visibility store caps an attribute's size (2 KB on Temporal Cloud). */
  public static final int TOPICS_KEPT = 20;

  private MigrationSearchAttributes() {}

  /** Name to type, as {@code AddSearchAttributes} takes them. */
  public static Map<String, IndexedValueType> types() {
    java.util.Map<String, IndexedValueType> types = new java.util.LinkedHashMap<>();
    ALL.forEach(k -> types.put(k.getName(), k.getValueType()));
    return types;
  }

  /** The {@code temporal} CLI commands that register them, for an operator without the permission kmigrate lacks. */
  public static List<String> createCommands(String namespace) {
    return ALL.stream().map(k -> "temporal operator search-attribute create --namespace " + namespace + " --name " + k.getName() + " --type "
        + (k.getValueType() == IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST ? "KeywordList" : "Keyword")).toList();
  }
}
