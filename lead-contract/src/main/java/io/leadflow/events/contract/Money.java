package io.leadflow.events.contract;

import java.math.BigDecimal;

public record Money(BigDecimal amount, String currency) {
}
