import ArgumentParser

/// The `facewatch` command: finds and (later) recognises faces in images, videos and camera streams.
@main
struct Facewatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facewatch",
        abstract: "Find faces in images, videos and camera streams.",
        subcommands: [
            DetectCommand.self, EnrollCommand.self, IdentifyCommand.self, IdentitiesCommand.self, EmbedCommand.self,
            ValidateCommand.self, BenchCommand.self,
        ])
}
