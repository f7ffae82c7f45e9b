package io.github.springmailgun;

import java.net.URI;

/**
 * The Mailgun region that hosts an account. US and EU are separate: a key or domain of one region is
 * unknown to the other, which answers 401 or 404.
 */
public enum MailgunRegion {

	/** The US region, {@code https://api.mailgun.net}. */
	US(URI.create("https://api.mailgun.net")),

	/** The EU region, {@code https://api.eu.mailgun.net}. */
	EU(URI.create("https://api.eu.mailgun.net"));

	private final URI baseUrl;

	MailgunRegion(URI baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Returns the API base URL of this region.
	 * @return the base URL, without a trailing slash
	 */
	public URI baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Returns the region whose API host is the given host, if it is one of Mailgun's.
	 * @param host a host name
	 * @return the region, or {@code null} when the host is not a regional API host
	 */
	public static @org.jspecify.annotations.Nullable MailgunRegion ofHost(String host) {
		for (MailgunRegion region : values()) {
			if (region.baseUrl.getHost().equalsIgnoreCase(host)) {
				return region;
			}
		}
		return null;
	}

}
