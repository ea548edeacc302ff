package dev.discovery.test;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which auto-configurations the embedded server context keeps.
 */
class ServerAutoConfigurationsTests {

	@Test
	void webNettyJacksonAndActuatorAreKept() {
		assertThat(ServerAutoConfigurations
			.isKept("org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration")).isTrue();
		assertThat(ServerAutoConfigurations
			.isKept("org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration"))
			.isTrue();
		assertThat(ServerAutoConfigurations
			.isKept("org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")).isTrue();
		assertThat(ServerAutoConfigurations
			.isKept("org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration"))
			.isTrue();
	}

	@Test
	void dataSecurityAndMessagingAreLeftOut() {
		assertThat(ServerAutoConfigurations
			.isKept("org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")).isFalse();
		assertThat(ServerAutoConfigurations
			.isKept("org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration")).isFalse();
		assertThat(
				ServerAutoConfigurations.isKept("org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"))
			.isFalse();
	}

	@Test
	void theApplicationsOwnAndThirdPartyAutoConfigurationsAreLeftOut() {
		assertThat(
				ServerAutoConfigurations.isKept("dev.discovery.client.autoconfigure.DiscoveryClientAutoConfiguration"))
			.isFalse();
		assertThat(ServerAutoConfigurations.isKept("com.example.CustomAutoConfiguration")).isFalse();
		assertThat(ServerAutoConfigurations.isKept("org.springframework.cloud.gateway.config.GatewayAutoConfiguration"))
			.isFalse();
	}

	@Test
	void everyCandidateOnTheClassPathIsKeptOrExcluded() {
		assertThat(ServerAutoConfigurations.excluded(getClass().getClassLoader()))
			.contains("dev.discovery.client.autoconfigure.DiscoveryClientAutoConfiguration")
			.noneMatch((name) -> name.startsWith("org.springframework.boot.webflux."));
	}

}
