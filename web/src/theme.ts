// The one MUI theme: the original app's dark look (purple-to-night gradient,
// dark cards, cyan actions, magenta accents), with contrast that passes axe.
import { createTheme } from '@mui/material/styles';

export const backgroundGradient = 'linear-gradient(90deg, #332c86 0%, #1f1d4a 45%, #0f1117 100%)';

export const theme = createTheme({
  palette: {
    mode: 'dark',
    primary: { main: '#4fc3f7', contrastText: '#0b1020' },
    secondary: { main: '#e879f9', contrastText: '#0b1020' },
    background: { default: '#15142e', paper: '#1e1e1e' },
    error: { main: '#ff8a80' },
  },
  shape: { borderRadius: 8 },
  typography: { fontFamily: 'Roboto, "DejaVu Sans", Arial, sans-serif' },
  components: {
    MuiCssBaseline: {
      styleOverrides: {
        body: { backgroundImage: backgroundGradient, backgroundAttachment: 'fixed', minHeight: '100vh' },
        a: { color: '#4fc3f7' },
      },
    },
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiCard: { styleOverrides: { root: { backgroundColor: '#1e1e1e', backgroundImage: 'none' } } },
  },
});
