package io.github.springmailgun.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The click tracking setting of a domain.
 *
 * @param mode the setting ({@code active}), or {@code null} for a value this client does not know
 */
public record ClickTracking(@JsonProperty("active") @Nullable ClickTrackingMode mode) {

	/**
	 * Returns whether clicks are tracked in any part; Mailgun counts {@code htmlonly} as active.
	 * @return whether click tracking is on
	 */
	public boolean isActive() {
		return this.mode == ClickTrackingMode.ENABLED || this.mode == ClickTrackingMode.HTML_ONLY;
	}

}
