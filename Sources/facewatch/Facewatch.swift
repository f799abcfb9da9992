import ArgumentParser

/// The `facewatch` command: finds faces in photos and recognises them against a gallery of enrolled people.
@main
struct Facewatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facewatch",
        abstract: "Find faces in photos, video files and cameras, and recognise the people you enrolled.",
        subcommands: [
            DetectCommand.self, AlignCommand.self, EnrollCommand.self, IdentifyCommand.self, IdentitiesCommand.self, EmbedCommand.self,
            ValidateCommand.self, BenchCommand.self, RunCommand.self, SubscribeCommand.self,
        ])
}
