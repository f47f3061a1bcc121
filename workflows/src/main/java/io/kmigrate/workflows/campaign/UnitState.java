package io.kmigrate.workflows.campaign;

/** A unit in the campaign's progress: its migration's id (the plan's name), scheme, status and, once ended otherwise than completed, why. */
public record UnitState(String unit, String scheme, UnitStatus status, String detail) {
  public UnitState with(UnitStatus s, String why) {
    return new UnitState(unit, scheme, s, why);
  }
}
