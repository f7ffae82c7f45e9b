package io.github.springmailgun.domain;

import org.jspecify.annotations.Nullable;

/**
 * A change to the unsubscribe tracking of a domain ({@code PUT /v3/domains/{name}/tracking/unsubscribe}).
 * A value left {@code null} is not sent, and Mailgun keeps its current setting.
 *
 * @param active whether to add an unsubscribe link ({@code active}), or {@code null}
 * @param htmlFooter the footer of HTML parts ({@code html_footer}), or {@code null}
 * @param textFooter the footer of text parts ({@code text_footer}), or {@code null}
 */
public record UnsubscribeTrackingUpdate(@Nullable Boolean active, @Nullable String htmlFooter,
		@Nullable String textFooter) {

	/**
	 * Creates an update that only switches unsubscribe tracking on or off.
	 * @param active whether to add an unsubscribe link
	 * @return the update
	 */
	public static UnsubscribeTrackingUpdate active(boolean active) {
		return new UnsubscribeTrackingUpdate(active, null, null);
	}

	/**
	 * Starts an update that changes nothing until values are set.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link UnsubscribeTrackingUpdate}.
	 */
	public static final class Builder {

		private @Nullable Boolean active;

		private @Nullable String htmlFooter;

		private @Nullable String textFooter;

		private Builder() {
		}

		/**
		 * Sets whether Mailgun adds an unsubscribe link.
		 * @param active whether to add it
		 * @return this builder
		 */
		public Builder active(boolean active) {
			this.active = active;
			return this;
		}

		/**
		 * Sets the footer of HTML parts; {@code %unsubscribe_url%} is replaced by the link.
		 * @param htmlFooter the HTML footer
		 * @return this builder
		 */
		public Builder htmlFooter(String htmlFooter) {
			this.htmlFooter = htmlFooter;
			return this;
		}

		/**
		 * Sets the footer of text parts; {@code %unsubscribe_url%} is replaced by the link.
		 * @param textFooter the text footer
		 * @return this builder
		 */
		public Builder textFooter(String textFooter) {
			this.textFooter = textFooter;
			return this;
		}

		/**
		 * Builds the update.
		 * @return the update
		 */
		public UnsubscribeTrackingUpdate build() {
			return new UnsubscribeTrackingUpdate(this.active, this.htmlFooter, this.textFooter);
		}

	}

}
