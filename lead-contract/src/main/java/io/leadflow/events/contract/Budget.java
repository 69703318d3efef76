package io.leadflow.events.contract;

import java.math.BigDecimal;

/**
 * A budget range; {@code min}/{@code max} are null when unknown ({@code 待确认}), {@code text} keeps what was typed.
 */
public record Budget(BigDecimal min, BigDecimal max, String currency, String text) {
}
