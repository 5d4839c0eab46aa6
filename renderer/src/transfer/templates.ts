/** The template gallery: the workflow files shipped in resources/templates, bundled as text. */
const files = import.meta.glob<string>('../../../resources/templates/*.switchyard.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export interface WorkflowTemplate {
  fileName: string;
  name: string;
  description: string;
  text: string;
}

export const TEMPLATES: readonly WorkflowTemplate[] = Object.entries(files)
  .map(([path, text]) => {
    const { name, description } = JSON.parse(text) as { name: string; description: string };
    return { fileName: path.slice(path.lastIndexOf('/') + 1), name, description, text };
  })
  .sort((a, b) => a.name.localeCompare(b.name));
