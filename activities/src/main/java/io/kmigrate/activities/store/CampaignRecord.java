package io.kmigrate.activities.store;

import java.time.Instant;

/** A campaign as the store keeps it: when it started, by whom, and its shape. */
public record CampaignRecord(String id, int units, int waves, String onFailure, String startedBy, Instant createdAt) {}
