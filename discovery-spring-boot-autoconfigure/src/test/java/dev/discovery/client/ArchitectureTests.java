package dev.discovery.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the package arrows of the starter one way: transport ← registration, discovery ←
 * loadbalancer, actuator ← autoconfigure.
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.discovery.client");

	@Test
	void packagesDependOnEachOtherOneWay() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("transport")
			.definedBy("dev.discovery.client.transport..")
			.layer("registration")
			.definedBy("dev.discovery.client.registration..")
			.layer("discovery")
			.definedBy("dev.discovery.client.discovery..")
			.layer("loadbalancer")
			.definedBy("dev.discovery.client.loadbalancer..")
			.layer("actuator")
			.definedBy("dev.discovery.client.actuator..")
			.layer("autoconfigure")
			.definedBy("dev.discovery.client.autoconfigure..")
			.whereLayer("autoconfigure")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("actuator")
			.mayOnlyBeAccessedByLayers("autoconfigure")
			.whereLayer("loadbalancer")
			.mayOnlyBeAccessedByLayers("autoconfigure")
			.whereLayer("registration")
			.mayOnlyBeAccessedByLayers("actuator", "autoconfigure")
			.whereLayer("discovery")
			.mayOnlyBeAccessedByLayers("loadbalancer", "actuator", "autoconfigure")
			.whereLayer("transport")
			.mayOnlyBeAccessedByLayers("registration", "discovery", "loadbalancer", "actuator", "autoconfigure")
			.check(this.classes);
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.discovery.client.(*)..").should().beFreeOfCycles().check(this.classes);
	}

}
