package io.kmigrate.api.resources;

import java.util.List;

/** Body of a wave's approve or stop: who decides, why, and for approve the units of the wave to leave out. */
public record WaveBody(String by, String comment, List<String> skip) {}
