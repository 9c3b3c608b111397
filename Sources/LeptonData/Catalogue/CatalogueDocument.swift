/// The top level of `Datasets/catalogue.json`.
struct CatalogueDocument: Codable, Sendable {
    /// The format version of the catalogue file.
    let version: Int
    /// One entry per data set.
    let datasets: [DatasetDescriptor]
}
