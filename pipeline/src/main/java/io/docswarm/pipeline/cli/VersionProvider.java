package io.docswarm.pipeline.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest when there is one. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = DocswarmCli.class.getPackage().getImplementationVersion();
        return new String[] {"docswarm " + (version == null ? "development build" : version)};
    }
}
