package io.kmigrate.worker.settings;

import io.kmigrate.config.outbound.OutboundPolicy;
import io.kmigrate.config.outbound.OwnPorts;
import java.util.ArrayList;
import java.util.List;

/**
 * How the worker signs webhook repoints (the HMAC-SHA256 secret, a secret reference such as
 * {@code ${env:KMIGRATE_WEBHOOK_SECRET}} resolved at start), the per-call timeout, and where
 * webhooks may go: nothing is allowed until {@code allowedUrls} names it, and loopback, private,
 * link-local and other special addresses only where {@code allowedNetworks} names their block.
 */
public class WebhookSettings {
  public String signingSecret;
  public String timeout = "10s";
  /** URL prefixes ({@code https://deploy.example.com/hooks/}) or hosts ({@code *.deploy.example.com}) webhooks may call. */
  public List<String> allowedUrls = new ArrayList<>();
  /** Address blocks ({@code 10.20.0.0/16}) of special ranges webhooks may reach, e.g. a deploy system on a private network. */
  public List<String> allowedNetworks = new ArrayList<>();

  /** The policy these settings describe; refuses (naming the entry) one that is not a URL prefix, host or block. */
  public OutboundPolicy policy(OwnPorts ownPorts) {
    return OutboundPolicy.of("webhooks", allowedUrls, allowedNetworks, ownPorts);
  }
}
