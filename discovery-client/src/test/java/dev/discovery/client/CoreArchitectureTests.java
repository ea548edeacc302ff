package dev.discovery.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the client core usable without Spring Boot: no Boot, Cloud or application context
 * types, and no cycles between transport, registration and discovery.
 */
class CoreArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("dev.discovery.client");

	@Test
	void coreUsesNeitherSpringBootNorSpringCloudNorTheApplicationContext() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.boot..", "org.springframework.cloud..",
					"org.springframework.context..", "org.springframework.scheduling..")
			.check(this.classes);
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.discovery.client.(*)..").should().beFreeOfCycles().check(this.classes);
	}

}
