/** A kind's description, with its `code` spans (header names, formats) set as code. */
export function DescriptionText({ text }: { text: string }) {
  return (
    <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>
  );
}
