package io.kmigrate.clients;

/**
 * One move of a {@link RoutingProducer}: from and to which cluster (null: none, a stop route), how
 * long it waited before starting (its share of the move spread) and how long the new producer took
 * to warm up, the old one sending all the while, how long sends were held (the old producer's
 * flush, then handing the held sends over), and how many were held.
 */
public record ProducerSwitch(String from, String to, long toVersion, long spreadMs, long warmupMs, long heldMs, int heldSends) {}
