package io.github.springmailgun.test.testcontainers;

import java.net.URI;

import io.github.springmailgun.autoconfigure.MailgunConnectionDetails;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * Creates {@link MailgunConnectionDetails} for a {@code @ServiceConnection} {@link MailgunMockContainer}:
 * its URL, key and domain. Matched by the container's type, whatever its image is called, so a
 * container of an image built elsewhere connects too. Registered in {@code META-INF/spring.factories};
 * where {@code spring-boot-testcontainers} is missing, Spring Boot skips it.
 */
class MailgunMockContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<MailgunMockContainer, MailgunConnectionDetails> {

	@Override
	protected MailgunConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<MailgunMockContainer> source) {
		return new MailgunMockContainerConnectionDetails(source);
	}

	/**
	 * {@link MailgunConnectionDetails} backed by a {@link MailgunMockContainer}, read once it started.
	 */
	static final class MailgunMockContainerConnectionDetails extends ContainerConnectionDetails<MailgunMockContainer>
			implements MailgunConnectionDetails {

		MailgunMockContainerConnectionDetails(ContainerConnectionSource<MailgunMockContainer> source) {
			super(source);
		}

		@Override
		public URI getBaseUrl() {
			return getContainer().getBaseUrl();
		}

		@Override
		public String getApiKey() {
			return getContainer().getApiKey();
		}

		@Override
		public String getDomain() {
			return getContainer().getDomain();
		}

	}

}
