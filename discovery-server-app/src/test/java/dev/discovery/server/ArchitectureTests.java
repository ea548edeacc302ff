package dev.discovery.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the server's package arrows pointing one way: api → service → {replication,
 * polling} → registry; config wires them all.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.discovery.server");

	@Test
	void layersOnlyDependDownwards() {
		Architectures.layeredArchitecture()
			.consideringOnlyDependenciesInLayers()
			.layer("Config")
			.definedBy("dev.discovery.server.config..")
			.layer("Api")
			.definedBy("dev.discovery.server.api..")
			.layer("Service")
			.definedBy("dev.discovery.server.service..")
			.layer("Replication")
			.definedBy("dev.discovery.server.replication..")
			.layer("Polling")
			.definedBy("dev.discovery.server.polling..")
			.layer("Registry")
			.definedBy("dev.discovery.server.registry..")
			.whereLayer("Config")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("Api")
			.mayOnlyBeAccessedByLayers("Config")
			.whereLayer("Service")
			.mayOnlyBeAccessedByLayers("Api", "Config")
			.whereLayer("Replication")
			.mayOnlyBeAccessedByLayers("Service", "Api", "Config")
			.whereLayer("Polling")
			.mayOnlyBeAccessedByLayers("Service", "Api", "Config")
			.whereLayer("Registry")
			.mayOnlyBeAccessedByLayers("Polling", "Replication", "Service", "Api", "Config")
			.check(CLASSES);
	}

	@Test
	void registryKnowsNothingOfSpringOrHttp() {
		noClasses().that()
			.resideInAPackage("dev.discovery.server.registry..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "reactor..", "io.netty..", "tools.jackson..")
			.check(CLASSES);
	}

	@Test
	void pollingKnowsNothingOfHttp() {
		noClasses().that()
			.resideInAPackage("dev.discovery.server.polling..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "reactor..", "io.netty..")
			.check(CLASSES);
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.discovery.server.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

}
