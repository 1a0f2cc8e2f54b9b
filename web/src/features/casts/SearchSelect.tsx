// An autocomplete whose options come from the server as you type (debounced):
// each option reads "Name | id: N", as in the original app.
import { Autocomplete, CircularProgress, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useDebounced } from '../../components/common';

export interface Option { id: number; label: string }

export function SearchSelect(props: {
  label: string; value: Option | null; onChange: (o: Option | null) => void;
  search: (text: string) => Promise<Option[]>; error?: string;
}) {
  const [input, setInput] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const text = useDebounced(input, 250);
  const { search } = props;
  const query = props.value && text === optionText(props.value) ? '' : text;
  useEffect(() => {
    let live = true;
    setLoading(true);
    search(query).then((o) => { if (live) setOptions(o); }).catch(() => { if (live) setOptions([]); })
      .finally(() => { if (live) setLoading(false); });
    return () => { live = false; };
  }, [query, search]);
  return (
    <Autocomplete
      options={options}
      value={props.value}
      onChange={(_, o) => props.onChange(o)}
      inputValue={input}
      onInputChange={(_, v) => setInput(v)}
      getOptionLabel={optionText}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(o) => o}
      loading={loading}
      renderInput={(params) => (
        <TextField {...params} label={props.label} error={!!props.error} helperText={props.error}
          slotProps={{ input: { ...params.InputProps, endAdornment: (
            <>{loading && <CircularProgress color="inherit" size={18} aria-hidden />}{params.InputProps.endAdornment}</>
          ) } }} />
      )}
    />
  );
}

export const optionText = (o: Option) => `${o.label} | id: ${o.id}`;
