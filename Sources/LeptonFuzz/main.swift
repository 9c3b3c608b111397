// lepton-fuzz: a fuzz target per loader (docs/INPUTS.md, "Fuzzing"). Each loader is fed
// mutated copies of the valid files in Tests/Fuzz/corpus/<loader>/ (results.json: the
// committed baselines in Reports/baselines) — bit flips, byte
// overwrites, truncation, deletion, duplication, huge numbers, NaN tokens, duplicate keys,
// deep nesting, length fields set to extremes, trailing garbage — written to a file whose
// name is unique per input. It checks that nothing crashes (a trap ends the process; the
// input being read is kept in $TMPDIR/lepton-fuzz-current), nothing hangs (no input may
// take longer than --max-seconds), and every refusal names the file. Deterministic for a
// seed. Exit 0 when all held, 1 otherwise.
import Foundation
import LeptonCore
import LeptonData
import LeptonInput
import LeptonLab
import LeptonNN
import LeptonScheduling

struct Options {
    var corpus = "Tests/Fuzz/corpus"
    /// results.json seeds: the committed baselines (always in the schema the code reads).
    var baselines = "Reports/baselines"
    var iterations = 1000
    var seed: UInt64 = 27
    var maxSeconds = 5.0
    var only: String?
}

var options = Options()
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else { FileHandle.standardError.write(Data("\(flag) needs a value\n".utf8)); exit(2) }
    switch flag {
    case "--corpus": options.corpus = value
    case "--baselines": options.baselines = value
    case "--iterations": options.iterations = Int(value) ?? options.iterations
    case "--seed": options.seed = UInt64(value) ?? options.seed
    case "--max-seconds": options.maxSeconds = Double(value) ?? options.maxSeconds
    case "--only": options.only = value
    default:
        FileHandle.standardError.write(Data("usage: lepton-fuzz [--corpus DIR] [--baselines DIR] [--iterations N per loader] [--seed S] [--max-seconds T] [--only LOADER]\n".utf8))
        exit(2)
    }
}

/// A loader under test: reads the file at a URL and throws on refusal.
struct Loader {
    let name: String
    let fileExtension: String
    let load: (URL) throws -> Void
}

let loaders: [Loader] = [
    Loader(name: "scheduling", fileExtension: "json") { url in _ = try SchedulingInstance(contentsOf: url) },
    Loader(name: "csv", fileExtension: "csv") { url in
        _ = try TabularCSV.read(contentsOf: url, features: ["precipitation", "temp_max"], target: "temp_min", orderBy: "date")
    },
    Loader(name: "onnx", fileExtension: "onnx") { url in _ = try ONNXImport.load(url) },
    Loader(name: "safetensors", fileExtension: "safetensors") { url in _ = try Safetensors.readFile(url) },
    Loader(name: "idx", fileExtension: "idx") { url in
        // The corpus holds a 3-dimension images file and a 1-dimension labels file; read as both.
        do { _ = try IDXFile.read(contentsOf: url, dimensionCount: 3) } catch { _ = try IDXFile.read(contentsOf: url, dimensionCount: 1) }
    },
    Loader(name: "results", fileExtension: "json") { url in
        _ = try RunStore.decode(try CheckedJSON.read(url), file: url.path)
    },
]

/// The mutations; text ones apply to any file (a binary file gets the same bytes inserted).
enum Mutation: CaseIterable {
    case flipBit, overwriteByte, truncate, deleteRange, duplicateRange, insertHugeNumber, insertNaN,
         duplicateKey, deepNesting, extremeLength, appendGarbage, replaceNumber
}

func mutate(_ input: [UInt8], _ rng: inout SeededGenerator) -> ([UInt8], Mutation) {
    var bytes = input
    let mutation = Mutation.allCases.randomElement(using: &rng) ?? .flipBit
    func position() -> Int { bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng) }
    switch mutation {
    case .flipBit:
        if !bytes.isEmpty { let p = position(); bytes[p] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng) }
    case .overwriteByte:
        if !bytes.isEmpty { bytes[position()] = [0, 0xFF, 0x7F, 0x80, 0x22, 0x2C, 0x5B, 0x7B, 0x30].randomElement(using: &rng) ?? 0 }
    case .truncate:
        bytes = Array(bytes.prefix(position()))
    case .deleteRange:
        let p = position(); let n = Int.random(in: 1...16, using: &rng)
        bytes.removeSubrange(p..<min(bytes.count, p + n))
    case .duplicateRange:
        let p = position(); let n = Int.random(in: 1...64, using: &rng)
        bytes.insert(contentsOf: bytes[p..<min(bytes.count, p + n)], at: p)
    case .insertHugeNumber:
        let huge = ["1e999", "-1e999", "99999999999999999999999", "1e308", "4294967296", "-1", "0.5", "18446744073709551616"]
        bytes.insert(contentsOf: Array((huge.randomElement(using: &rng) ?? "1e999").utf8), at: position())
    case .insertNaN:
        bytes.insert(contentsOf: Array((["NaN", "Infinity", "-Infinity", "nan"].randomElement(using: &rng) ?? "NaN").utf8), at: position())
    case .duplicateKey:
        // Repeat the first "key": value pair right after it (JSON), or any range (binary).
        if let text = String(bytes: bytes, encoding: .utf8), let range = text.range(of: #""[a-z_]+" *: *("[^"]*"|[0-9.eE+-]+)"#, options: .regularExpression) {
            var edited = text
            edited.insert(contentsOf: text[range] + ", ", at: range.lowerBound)
            bytes = Array(edited.utf8)
        }
    case .deepNesting:
        let depth = Int.random(in: 100...5000, using: &rng)
        let p = position()
        bytes.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "["), count: depth), at: p)
    case .extremeLength:
        // Binary length fields: the first 8 bytes (safetensors), an IDX dimension, a varint.
        let values: [[UInt8]] = [[0xFF, 0xFF, 0xFF, 0xFF], [0, 0, 0, 0], [0x7F, 0xFF, 0xFF, 0xFF], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]]
        let value = values.randomElement(using: &rng) ?? [0xFF]
        let p = [0, 4, 8, position()].randomElement(using: &rng) ?? 0
        for (k, byte) in value.enumerated() where p + k < bytes.count { bytes[p + k] = byte }
    case .appendGarbage:
        bytes += (0..<Int.random(in: 1...32, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    case .replaceNumber:
        // Any run of ASCII digits (in JSON, CSV or a binary file's text header) becomes an extreme value.
        var runs: [Range<Int>] = []
        var start: Int?
        for (i, b) in bytes.enumerated() {
            let digit = b >= 0x30 && b <= 0x39
            if digit, start == nil { start = i }
            if !digit, let s = start { runs.append(s..<i); start = nil }
        }
        if let s = start { runs.append(s..<bytes.count) }
        if let run = runs.randomElement(using: &rng) {
            let values = ["1e999", "-5", "0", "1.5", "NaN", "\"x\"", "null", "[]", "{}", "9007199254740993", "4294967296", "18446744073709551615"]
            bytes.replaceSubrange(run, with: Array((values.randomElement(using: &rng) ?? "0").utf8))
        }
    }
    return (bytes, mutation)
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-fuzz-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let current = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-fuzz-current")
defer { try? FileManager.default.removeItem(at: folder) }

var failures: [String] = []
var totalInputs = 0
let started = Date()
for loader in loaders where options.only == nil || options.only == loader.name {
    let corpusFolder = loader.name == "results" ? URL(fileURLWithPath: options.baselines)
        : URL(fileURLWithPath: options.corpus).appendingPathComponent(loader.name)
    let found = FileManager.default.enumerator(at: corpusFolder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
    let files = found.filter { !$0.hasDirectoryPath && $0.lastPathComponent != "thresholds.json" && !$0.lastPathComponent.hasPrefix(".") }
        .sorted { $0.path < $1.path }
    let seeds = files.compactMap { try? [UInt8](Data(contentsOf: $0)) }
    guard !seeds.isEmpty else { failures.append("\(loader.name): no corpus files in \(corpusFolder.path)"); continue }
    // Every corpus file must load as it is.
    for file in files {
        do { try loader.load(file) } catch { failures.append("\(loader.name): the corpus file \(file.path) is refused: \(error)") }
    }
    var rng = SeededGenerator(seed: options.seed &+ UInt64(loader.name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
    var refused = 0, accepted = 0, slowest = 0.0
    let loaderStart = Date()
    for iteration in 0..<options.iterations {
        var (bytes, mutation) = mutate(seeds[iteration % seeds.count], &rng)
        if Int.random(in: 0..<4, using: &rng) == 0 { (bytes, _) = mutate(bytes, &rng) }  // sometimes two mutations
        let url = folder.appendingPathComponent("\(loader.name)-\(iteration).\(loader.fileExtension)")
        try Data(bytes).write(to: url)
        try Data(bytes).write(to: current)
        let t0 = Date()
        do {
            try loader.load(url)
            accepted += 1
        } catch {
            refused += 1
            let text = "\(error)"
            if !text.contains(url.path) {
                failures.append("\(loader.name) #\(iteration) (\(mutation)): the refusal does not name the file: \(text)")
            }
        }
        let seconds = Date().timeIntervalSince(t0)
        slowest = max(slowest, seconds)
        if seconds > options.maxSeconds {
            failures.append("\(loader.name) #\(iteration) (\(mutation)): took \(seconds) s (a hang; the limit is \(options.maxSeconds) s)")
        }
        try? FileManager.default.removeItem(at: url)
    }
    totalInputs += options.iterations
    print(String(format: "fuzz %@: %d inputs, %d refused, %d accepted, slowest %.1f ms, %.1f s", loader.name, options.iterations,
                 refused, accepted, slowest * 1000, Date().timeIntervalSince(loaderStart)))
}
try? FileManager.default.removeItem(at: current)
for failure in failures.prefix(20) { print("FAIL \(failure)") }
print(String(format: "fuzz: %d inputs over %d loaders in %.1f s: 0 crashes, %d hangs, %d refusals that do not name the file",
             totalInputs, loaders.filter { options.only == nil || options.only == $0.name }.count, Date().timeIntervalSince(started),
             failures.filter { $0.contains("a hang") }.count, failures.filter { $0.contains("does not name") }.count))
exit(failures.isEmpty ? 0 : 1)
