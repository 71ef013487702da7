/** A labelled progress bar (native <progress>: read by screen readers, drawn without JavaScript). */
export function ProgressBar({ label, value, max, met }: { label: string; value: number; max: number; met?: boolean }) {
  const safeMax = Math.max(1, max)
  return (
    <div className={`progress${met ? ' progress-met' : ''}`}>
      <span className="progress-label">{label}</span>
      <progress value={Math.min(value, safeMax)} max={safeMax} aria-label={label} />
    </div>
  )
}
