package io.github.springmailgun.autoconfigure;

import java.net.URI;

import io.github.springmailgun.MailgunRegion;
import org.jspecify.annotations.Nullable;

/**
 * {@link MailgunConnectionDetails} from {@link MailgunProperties}: the explicit base URL, else the
 * region's.
 */
class PropertiesMailgunConnectionDetails implements MailgunConnectionDetails {

	private final MailgunProperties properties;

	PropertiesMailgunConnectionDetails(MailgunProperties properties) {
		this.properties = properties;
	}

	@Override
	public URI getBaseUrl() {
		URI baseUrl = this.properties.baseUrl();
		return (baseUrl != null) ? baseUrl : this.properties.region().baseUrl();
	}

	@Override
	public @Nullable String getApiKey() {
		return this.properties.apiKey();
	}

	@Override
	public @Nullable String getDomain() {
		return this.properties.domain();
	}

	@Override
	public MailgunRegion getRegion() {
		return this.properties.region();
	}

}
