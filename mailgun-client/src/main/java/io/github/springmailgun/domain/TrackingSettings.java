package io.github.springmailgun.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The tracking settings of a domain ({@code GET /v3/domains/{name}/tracking}).
 *
 * @param open open tracking
 * @param click click tracking
 * @param unsubscribe unsubscribe tracking
 * @param webScheme {@code http} or {@code https} for tracking links, or {@code null}
 */
public record TrackingSettings(OpenTracking open, ClickTracking click, UnsubscribeTracking unsubscribe,
		@JsonProperty("web_scheme") @Nullable String webScheme) {

	/**
	 * Reads a missing section as inactive, so callers need no {@code null} checks.
	 */
	public TrackingSettings {
		open = (open != null) ? open : new OpenTracking(false, false);
		click = (click != null) ? click : new ClickTracking(null);
		unsubscribe = (unsubscribe != null) ? unsubscribe : new UnsubscribeTracking(false, null, null);
	}

}
