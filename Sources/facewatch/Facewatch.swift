import ArgumentParser
import FacewatchSupport

/// The `facewatch` command: finds faces in photos and recognises them against a gallery of enrolled people.
@main
struct Facewatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facewatch",
        abstract: "Find faces in photos, video files and cameras, and recognise the people you enrolled.",
        subcommands: [
            DetectCommand.self, AlignCommand.self, EnrollCommand.self, IdentifyCommand.self, IdentitiesCommand.self, EmbedCommand.self,
            ValidateCommand.self, TrainCommand.self, BenchCommand.self, RunCommand.self, SubscribeCommand.self,
        ])

    /// Every command works frame after frame or image after image on tensors of the same sizes: freed blocks
    /// are kept for the next one instead of being faulted in again (see `AllocatorTuning`).
    static func main() {
        AllocatorTuning.keepFreedBlocksForReuse()
        main(nil)
    }
}
