import ArgumentParser

/// `imagemap`: render ArcGIS Image Service layers into static map images.
@main
struct ImageMapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imagemap",
        abstract: "Render ArcGIS Image Service layers into static map images, as Esri Leaflet's ImageMapLayer shows them.",
        subcommands: [RenderCommand.self, PlanCommand.self, ServeCommand.self, IdentifyCommand.self, MetadataCommand.self, QueryCommand.self, ComposeCommand.self]
    )
}
