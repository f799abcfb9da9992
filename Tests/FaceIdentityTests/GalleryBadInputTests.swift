import Foundation
import Testing
@testable import FaceIdentity

/// Files that are not galleries, or cannot be: each gives one typed, one-line error naming the file.
struct GalleryBadInputTests {
    static let embedder = GalleryTests.embedder

    static func expectOneLine(_ error: GalleryError?, startingWith path: String) {
        guard let error else { return }
        #expect(error.description.hasPrefix(path + ": "), "\(error)")
        #expect(!error.description.contains("\n"))
    }

    @Test func textFileIsNotAGallery() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("notes.txt")
        try Data(String(repeating: "just some text, certainly not SQLite\n", count: 50).utf8)
            .write(to: URL(fileURLWithPath: path))
        for open in [{ try Gallery(path: path, embedder: Self.embedder) }, { try Gallery(existingAt: path) }] {
            let error = #expect(throws: GalleryError.self) { _ = try open() }
            guard case .notAGallery(path, _) = error else {
                Issue.record("expected notAGallery, got \(String(describing: error))")
                continue
            }
            Self.expectOneLine(error, startingWith: path)
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("just some text"), "the file must be left as it was")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["notes.txt"])
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "needs the sqlite3 shell"))
    func otherProgramsSQLiteDatabaseIsNotAGallery() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("other.sqlite")
        try sqlite(path, "CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT); INSERT INTO orders VALUES (1, 'tea');")
        let error = #expect(throws: GalleryError.self) { try Gallery(path: path, embedder: Self.embedder) }
        #expect(error == .notAGallery(path: path, reason: "an SQLite database without the gallery's tables"))
        Self.expectOneLine(error, startingWith: path)
    }

    @Test(arguments: [0.5, 0.9])
    func truncatedGalleryIsReportedAsDamaged(keptFraction: Double) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("gallery.sqlite")
        do {
            let gallery = try Gallery(path: path, embedder: Self.embedder)
            for person in 0..<50 {
                try gallery.enroll("p\(person)", descriptors: GalleryTests.descriptors(40, seed: UInt64(person)))
            }
        }
        try #require(!FileManager.default.fileExists(atPath: path + "-wal"), "closing checkpoints into the main file")
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        try truncate(path, to: Int(Double(size) * keptFraction) / 4096 * 4096)

        let error = #expect(throws: GalleryError.self) {
            let gallery = try Gallery(path: path, embedder: Self.embedder)
            _ = try gallery.loadIndex()
        }
        guard case .corrupt(path, _) = error else {
            Issue.record("expected corrupt, got \(String(describing: error))")
            return
        }
        Self.expectOneLine(error, startingWith: path)
    }

    @Test func galleryCutInsideItsHeaderIsReportedAsDamaged() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("gallery.sqlite")
        do { try Gallery(path: path, embedder: Self.embedder).enroll("p", descriptors: GalleryTests.descriptors(1, seed: 1)) }
        try truncate(path, to: 60)
        let error = #expect(throws: GalleryError.self) { try Gallery(existingAt: path) }
        guard case .corrupt(path, _) = error else {
            Issue.record("expected corrupt, got \(String(describing: error))")
            return
        }
        Self.expectOneLine(error, startingWith: path)
    }

    @Test func directoryIsRefused() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: GalleryError.isDirectory(path: directory.path)) {
            try Gallery(path: directory.path, embedder: Self.embedder)
        }
        #expect(throws: GalleryError.isDirectory(path: directory.path)) { try Gallery(existingAt: directory.path) }
    }

    @Test func missingGalleryIsNotCreatedByCommandsThatNeedOne() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("absent.sqlite")
        #expect(throws: GalleryError.fileNotFound(path: path)) { try Gallery(existingAt: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func unwritableLocationsAreRefused() throws {
        let directory = try TemporaryDirectory()
        let regularFile = directory.file("plain")
        try Data("x".utf8).write(to: URL(fileURLWithPath: regularFile))
        let underAFile = regularFile + "/gallery.sqlite"
        let underNothing = directory.file("no/such/dir/gallery.sqlite")
        let inProc = "/proc/facewatch-gallery.sqlite"
        for path in [underAFile, underNothing, inProc] {
            let error = #expect(throws: GalleryError.self) { try Gallery(path: path, embedder: Self.embedder) }
            guard case .cannotOpen(path, _) = error else {
                Issue.record("expected cannotOpen for \(path), got \(String(describing: error))")
                continue
            }
            Self.expectOneLine(error, startingWith: path)
        }
    }

    @Test func descriptionsStayOnOneLine() {
        let error = GalleryError.unknownPerson(path: "/tmp/a\nb.sqlite", name: "x\ry")
        #expect(error.description == "/tmp/a\\nb.sqlite: no person named 'x\\ry' in the gallery")
    }

    private func truncate(_ path: String, to size: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
    }

    /// Makes an ordinary SQLite file with the sqlite3 command-line shell, independently of GRDB.
    private func sqlite(_ path: String, _ script: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, script]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
    }
}
