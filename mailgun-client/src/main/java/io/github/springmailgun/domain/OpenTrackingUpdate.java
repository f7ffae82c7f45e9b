package io.github.springmailgun.domain;

import org.jspecify.annotations.Nullable;

/**
 * A change to the open tracking of a domain ({@code PUT /v3/domains/{name}/tracking/open}). A value
 * left {@code null} is not sent, and Mailgun keeps its current setting.
 *
 * @param active whether to track opens ({@code active}), or {@code null}
 * @param placeAtTheTop whether the pixel goes at the top of the HTML body ({@code place_at_the_top}), or
 * {@code null}
 */
public record OpenTrackingUpdate(@Nullable Boolean active, @Nullable Boolean placeAtTheTop) {

	/**
	 * Creates an update that only switches open tracking on or off.
	 * @param active whether to track opens
	 * @return the update
	 */
	public static OpenTrackingUpdate active(boolean active) {
		return new OpenTrackingUpdate(active, null);
	}

	/**
	 * Starts an update that changes nothing until values are set.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link OpenTrackingUpdate}.
	 */
	public static final class Builder {

		private @Nullable Boolean active;

		private @Nullable Boolean placeAtTheTop;

		private Builder() {
		}

		/**
		 * Sets whether opens are tracked.
		 * @param active whether to track opens
		 * @return this builder
		 */
		public Builder active(boolean active) {
			this.active = active;
			return this;
		}

		/**
		 * Sets whether the tracking pixel goes at the top of the HTML body.
		 * @param placeAtTheTop whether to place it at the top
		 * @return this builder
		 */
		public Builder placeAtTheTop(boolean placeAtTheTop) {
			this.placeAtTheTop = placeAtTheTop;
			return this;
		}

		/**
		 * Builds the update.
		 * @return the update
		 */
		public OpenTrackingUpdate build() {
			return new OpenTrackingUpdate(this.active, this.placeAtTheTop);
		}

	}

}
