package io.github.springmailgun.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * The open tracking setting of a domain.
 *
 * @param active whether opens are tracked
 * @param placeAtTheTop whether the tracking pixel goes at the top of the HTML body
 */
public record OpenTracking(@JsonSetter(nulls = Nulls.AS_EMPTY) boolean active,
		@JsonProperty("place_at_the_top") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean placeAtTheTop) {
}
