package io.github.springmailgun.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.jspecify.annotations.Nullable;

/**
 * The value of one dimension of a metrics item.
 *
 * @param dimension the dimension, such as {@code time} or {@code domain}
 * @param value the value, such as {@code Wed, 01 Nov 2023 00:00:00 +0000}
 * @param displayValue the value as Mailgun displays it
 */
public record MetricsDimension(@JsonSetter(nulls = Nulls.FAIL) String dimension,
		@JsonSetter(nulls = Nulls.FAIL) String value, @JsonProperty("display_value") @Nullable String displayValue) {
}
