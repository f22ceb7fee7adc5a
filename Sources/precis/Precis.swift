import ArgumentParser

@main
struct Precis: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "precis",
        abstract: "Summarise news articles: key sentences, keywords and reading time, in well under a millisecond.",
        discussion: """
            Input is plain text or a saved HTML page (a file, or - for standard input). Summaries are verbatim sentences of the \
            article, in the order they appear, each with its UTF-8 byte range in the input.
            """,
        subcommands: [
            SummarizeCommand.self, ExtractCommand.self, ImportCommand.self, ServeCommand.self, SentencesCommand.self,
            KeywordsCommand.self,
            EvalCommand.self,
        ],
        defaultSubcommand: nil)
}
