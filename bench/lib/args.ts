// Command-line options of the bench's helper scripts: `--name value` pairs and bare flags, taken out of argv
// as they are read, so what is left is the positional arguments.
export function cliArgs(argv = process.argv.slice(2)) {
  const args = [...argv]
  return {
    /** The value after `name`, or the fallback. */
    option(name: string, fallback: string): string {
      const i = args.indexOf(name)
      if (i === -1) return fallback
      const [, value] = args.splice(i, 2)
      return value!
    },
    /** Every value given after `name` (the option repeated), in order. */
    all(name: string): string[] {
      const out: string[] = []
      for (let i = args.indexOf(name); i !== -1; i = args.indexOf(name)) out.push(args.splice(i, 2)[1]!)
      return out
    },
    /** Whether the bare flag `name` was given. */
    flag(name: string): boolean {
      const i = args.indexOf(name)
      if (i === -1) return false
      args.splice(i, 1)
      return true
    },
    /** What is left once the options and flags have been read. */
    rest: () => args,
  }
}
